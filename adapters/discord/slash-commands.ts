import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js'

export const COMMAND_NAME = 'docuquery'
/** The message command's name, as people see it under Apps when they right-click a message. */
export const ASK_MESSAGE_COMMAND = 'Ask DocuQuery'

/**
 * `/docuquery ask|stats|sources|forget|help` and the message command "Ask
 * DocuQuery", as registered by `npm run discord:register`.
 */
export function commandDefinitions() {
  return [
    new SlashCommandBuilder()
      .setName(COMMAND_NAME)
      .setDescription('Ask questions about the documents shared here, or see what DocuQuery knows')
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
      .addSubcommand((sub) =>
        sub
          .setName('ask')
          .setDescription('Ask a question; the answer cites the documents it comes from')
          .addStringOption((o) => o.setName('question').setDescription('Your question').setRequired(true).setMaxLength(2000)),
      )
      .addSubcommand((sub) =>
        sub
          .setName('sources')
          .setDescription('The documents I can use in this channel')
          .addStringOption((o) =>
            o.setName('document').setDescription('Show one document: who shared it, where and when (start typing its name)').setAutocomplete(true),
          ),
      )
      .addSubcommand((sub) => sub.setName('stats').setDescription('How much I know here: documents, passages, pages'))
      .addSubcommand((sub) =>
        sub
          .setName('forget')
          .setDescription('Forget a document (whoever shared it, or members with Manage Messages)')
          .addStringOption((o) =>
            o.setName('document').setDescription('The document (start typing its name)').setRequired(true).setAutocomplete(true),
          ),
      )
      .addSubcommand((sub) => sub.setName('help').setDescription('How to use DocuQuery'))
      .toJSON(),
    // Right-click a message → Apps → Ask DocuQuery. Servers only: its answer goes into a thread.
    new ContextMenuCommandBuilder()
      .setName(ASK_MESSAGE_COMMAND)
      .setType(ApplicationCommandType.Message)
      .setContexts(InteractionContextType.Guild)
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
      .toJSON(),
  ]
}

// Written by `node --import tsx eval/train-gate.ts --write 0.15` (do not edit by hand): a logistic
// regression over gateFeatures, learned on 270 questions (probe1.jsonl, probe2.jsonl, probe3.jsonl, probe4.jsonl, probe5.jsonl, probe6.jsonl) by which passage the
// hand-set rules let through answers and which does not. Below the threshold the passage is not an answer.
export const learnedGate = {
  features: ["rules","coverage","focus","anchors","sentence","typed","typedFocus","typedSentence","typedAskedWord","specificFound","specificInAnswer","askedInAnswer","specifier","years","cosine","namedFile","namesSomething","absent","relativeScore","rank","askedCoverage","countedNearNumber"],
  weights: [0, -1.0017, 1.1692, 1.3945, -1.045, -0.3108, 0.5694, -0.3108, 0.1156, -0.9416, 0.1527, 1.013, 0, 0, 2.6372, 1.095, -0.1445, 1.9365, 1.7501, -3.4318, 0.7226, 0.9992],
  bias: -4.8532,
  threshold: 0.15,
} as const

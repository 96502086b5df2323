// Written by `node --import tsx eval/train-gate.ts --write 0.15` (do not edit by hand): a logistic
// regression over gateFeatures, learned on 270 questions (probe1.jsonl, probe2.jsonl, probe3.jsonl, probe4.jsonl, probe5.jsonl, probe6.jsonl) by which passage the
// hand-set rules let through answers and which does not. Below the threshold the passage is not an answer.
export const learnedGate = {
  features: ["rules","coverage","focus","anchors","sentence","typed","typedFocus","typedSentence","typedAskedWord","specificFound","specificInAnswer","askedInAnswer","specifier","years","cosine","namedFile","namesSomething","absent","relativeScore","rank","askedCoverage","countedNearNumber"],
  weights: [0, -0.8559, 0.9994, 1.9565, -1.2177, -0.3143, 0.5052, -0.3143, 0.1093, -0.9519, 0.1838, 0.987, 0, 0, 2.7766, 1.1168, -0.1692, 0.5483, 1.8118, -3.4077, 0.7591, 1.1993],
  bias: -5.5969,
  threshold: 0.15,
} as const

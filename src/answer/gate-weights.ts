// Written by `node --import tsx eval/train-gate.ts --write 0.15` (do not edit by hand): a logistic
// regression over gateFeatures, learned on 270 questions (probe1.jsonl, probe2.jsonl, probe3.jsonl, probe4.jsonl, probe5.jsonl, probe6.jsonl) by which passage the
// hand-set rules let through answers and which does not. Below the threshold the passage is not an answer.
export const learnedGate = {
  features: ["rules","coverage","focus","anchors","sentence","typed","typedFocus","typedSentence","typedAskedWord","specificFound","specificInAnswer","askedInAnswer","specifier","years","cosine","namedFile","namesSomething","absent","relativeScore","rank","askedCoverage","countedNearNumber"],
  weights: [0, -1.0576, 1.1642, -2.25, -1.2217, -0.2586, 0.5533, -0.2586, 0.1925, -0.9375, 0.0406, 1.2958, 0, 0, 3.0703, 1.1575, -0.1278, 1.7516, 1.5658, -3.0799, 0.5422, 0.9223],
  bias: -1.1557,
  threshold: 0.15,
} as const

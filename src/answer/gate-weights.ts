// Written by `node --import tsx eval/train-gate.ts --write 0.15` (do not edit by hand): a logistic
// regression over gateFeatures, learned on 270 questions (probe1.jsonl, probe2.jsonl, probe3.jsonl, probe4.jsonl, probe5.jsonl, probe6.jsonl) by which passage the
// hand-set rules let through answers and which does not. Below the threshold the passage is not an answer.
export const learnedGate = {
  features: ["coverage","focus","anchors","sentence","typed","typedFocus","typedSentence","typedAskedWord","specificFound","specificInAnswer","askedInAnswer","cosine","namedFile","namesSomething","absent","relativeScore","rank","askedCoverage","countedNearNumber"],
  weights: [-0.9759, 1.2182, -2.3895, -1.1829, -0.2795, 0.4634, -0.2795, 0.1643, -0.9104, 0.0107, 1.2708, 2.8351, 1.4755, -0.1269, 1.5511, 1.7189, -3.0517, 0.6587, 0.9191],
  bias: -1.1197,
  threshold: 0.15,
} as const

-- The local hashing embedder's vectors no longer find candidates of their own through an HNSW
-- index: they rescore the passages BM25 and titles find (questions in Chinese, Japanese or Korean
-- also scan them exactly). Measured with the public sets, the list changed
-- nothing (SciFact nDCG@10 0.685 and recall@10 0.803 with and without; corpus-qa dev identical),
-- while keeping its index up to date was about 80% of insert time on the embedded database.
-- Models that know meanings (providers, a model folder) keep their index (src/store/vector-index.ts).
DROP INDEX IF EXISTS "chunks_embedding_local_hash_v1_hnsw";

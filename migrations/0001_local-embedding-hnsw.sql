-- The embedding column has no fixed dimension so that models can change;
-- HNSW needs one, so each model gets a partial expression index of its own.
-- Retrieval orders by the same expression so the planner can use it.
CREATE INDEX IF NOT EXISTS "chunks_embedding_local_hash_v1_hnsw"
  ON "chunks" USING hnsw (("embedding"::vector(256)) vector_cosine_ops)
  WHERE "embedding_model" = 'local-hash-v1';

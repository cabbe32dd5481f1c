-- A migration from a later Learnloop version, for the schema-version tests.
CREATE TABLE learnloop_future_feature (id VARCHAR(64) PRIMARY KEY);

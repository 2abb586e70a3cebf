-- One database per service that owns data (deploy/local/services.tsv, column "database").
-- Run once by the postgres image, as user postgres, when its data directory is empty.
-- system-tests' DeployConsistencyTest checks that every database of services.tsv is created here.
CREATE DATABASE strategy;
CREATE DATABASE scoring;
CREATE DATABASE regime;
CREATE DATABASE monitoring;
CREATE DATABASE audit;

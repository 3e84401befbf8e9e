/** Jest globalSetup: sets TEST_DATABASE_URL and KAFKA_BROKERS (starting the servers) when they are unset. */
declare function globalSetup(): Promise<void>;
export = globalSetup;

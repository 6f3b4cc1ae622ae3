using ContinuousLoad.IntegrationTests.Servers;

// One probe per server per run, shared by every test class that asks for it.
[assembly: AssemblyFixture(typeof(PostgresServer))]
[assembly: AssemblyFixture(typeof(MariaDbServer))]
[assembly: AssemblyFixture(typeof(S3Server))]
[assembly: AssemblyFixture(typeof(AzuriteServer))]

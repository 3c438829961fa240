using Tracking.IntegrationTests.Servers;

// One server of each kind for the whole run; tests isolate themselves with a database or virtual host of their own.
[assembly: AssemblyFixture(typeof(PostgresServer))]
[assembly: AssemblyFixture(typeof(RabbitMqServer))]
[assembly: AssemblyFixture(typeof(SqlServerServer))]

namespace Chaos;

/// <summary>The faults of the suite, in the order they run; each key selects it in <c>CHAOS_FAULTS</c>.</summary>
public static class Faults
{
    public static List<Phase> All(Cluster cluster, Servers servers, Partner partner, ProductApi api, Database db, int templateId) =>
    [
        new("none", "none (steady load)", () => Task.CompletedTask, () => Task.CompletedTask),
        new("api-kill", "SIGKILL the API, start it again", () => Run(cluster.Api.Kill), () => Run(cluster.Api.Start)),
        new("worker-kill", "SIGKILL a worker, start it again", () => Run(cluster.Workers[0].Kill), () => Run(cluster.Workers[0].Start)),
        new("rabbitmq-kill", "SIGKILL RabbitMQ, start it again", () => Run(servers.KillRabbitMq), servers.StartAsync),
        new("postgres-kill", "SIGKILL PostgreSQL (postmaster and backends), start it again (pg_ctl)", () => Run(servers.KillPostgres), servers.StartAsync),
        new("partner-down", "partner endpoint down (connections refused)", () => partner.SetAsync(PartnerMode.Down), () => partner.SetAsync(PartnerMode.Up)),
        new("partner-slow", "partner endpoint slow (2 s per answer)", () => partner.SetAsync(PartnerMode.Slow), () => partner.SetAsync(PartnerMode.Up)),
        new("partner-flaky", "partner endpoint flaky (every other answer 503)", () => partner.SetAsync(PartnerMode.Flaky), () => partner.SetAsync(PartnerMode.Up)),
        new("partner-410", "partner endpoint answers 410 Gone", () => partner.SetAsync(PartnerMode.Gone), async () =>
        {
            await partner.SetAsync(PartnerMode.Up);
            await Operator.ResumeAsync(api, db, templateId);
        }, "the template paused itself on the first 410; the suite then resumed it and replayed the failed deliveries through the API, as an operator would"),
    ];

    private static Task Run(Action action)
    {
        action();
        return Task.CompletedTask;
    }
}

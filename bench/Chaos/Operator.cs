namespace Chaos;

/// <summary>What an operator does once a partner that answered 410 Gone is back (docs/integration/affiliates.md).</summary>
public static class Operator
{
    /// <summary>
    /// Resumes the template and replays the deliveries the 410 failed, until the template stays active: an attempt that was
    /// answered 410 just before the partner came back may be recorded after the resume, and pause the template again.
    /// </summary>
    public static async Task ResumeAsync(ProductApi api, Database db, int templateId)
    {
        // Done once the template has stayed active for three checks in a row (the 410s of a busy dispatcher trail).
        for (int round = 0, active = 0; round < 30 && active < 3; round++)
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            var paused = await db.ScalarAsync($"SELECT count(*) FROM postback_templates WHERE id = {templateId} AND state = 'paused'");
            var failed = await db.RowsAsync("SELECT id FROM deliveries WHERE state = 'failed'", r => r.GetString(0));
            active = paused == 0 && failed.Count == 0 ? active + 1 : 0;
            if (paused > 0)
            {
                if (round > 0) Runner.Log("the template paused itself again (a 410 recorded after the resume); resuming once more");
                await api.ResumeAsync(templateId);
            }
            await api.ReplayAsync(failed);
        }
    }
}

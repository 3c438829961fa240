namespace Chaos;

/// <summary>One fault: how it is done and undone, and what the run measured around it.</summary>
public sealed class Phase(string key, string label, Func<Task> inject, Func<Task> restore, string note = "")
{
    public string Key { get; } = key;
    public string Label { get; } = label;
    public string Note { get; set; } = note;
    public Func<Task> Inject { get; } = inject;
    public Func<Task> Restore { get; } = restore;

    public DateTime Started { get; set; }
    public DateTime Ended { get; set; }
    /// <summary>When the fault was undone (the process or server started again, the partner answering again).</summary>
    public DateTime Restored { get; set; }
    /// <summary>From <see cref="Restored"/> until ingress answered 200 again and every hit and delivery from before it was done; null: not within the bound.</summary>
    public TimeSpan? Recovery { get; set; }
    public long PeakApiRssMiB { get; set; }

    public int Acknowledged { get; set; }
    public int Lost { get; set; }
    public int LostDeliveries { get; set; }
    public int Doubled { get; set; }
    public int ResentSameKey { get; set; }
    public string Load { get; set; } = "";

    public bool Failed => Lost > 0 || LostDeliveries > 0 || Doubled > 0 || Recovery is null;
}

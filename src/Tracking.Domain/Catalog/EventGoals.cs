namespace Tracking.Domain.Catalog;

/// <summary>
/// Issue 11.5: the event names a mobile measurement partner sends, mapped onto an offer's goals (<c>af_purchase</c> →
/// <c>purchase</c>). A name that is itself a goal of the offer needs no mapping; the offer's own mapping comes next; the
/// MMPs' install events (<see cref="InstallEvents"/>) go to the goal <c>install</c> when the offer has one and no mapping of
/// its own for them. Anything else stays unknown (400 <c>unknown_goal</c>).
/// </summary>
public static class EventGoals
{
    public const int MaxEvents = 100;
    public const int MaxEventLength = 64;
    public const string InstallGoal = "install";

    /// <summary>What the MMPs call an install, lower-cased as ingress reads it: Kochava's <c>_install</c>, Singular's <c>__install__</c>, AppsFlyer's <c>af_install</c>, Branch's <c>INSTALL</c>.</summary>
    public static readonly IReadOnlySet<string> InstallEvents = new HashSet<string>(StringComparer.Ordinal)
    {
        "install", "_install", "__install__", "af_install", "installs", "first_open",
    };

    /// <summary>The goal an event names for an offer, or null when it names none.</summary>
    public static string? Resolve(string eventName, IReadOnlyDictionary<string, string> mapping, Func<string, bool> isGoal)
    {
        if (isGoal(eventName)) return eventName;
        if (mapping.TryGetValue(eventName, out var mapped)) return isGoal(mapped) ? mapped : null;
        return InstallEvents.Contains(eventName) && isGoal(InstallGoal) ? InstallGoal : null;
    }

    /// <summary>A mapping as an API body gives it, checked and normalised: event names lower-cased, every goal one of the offer's.</summary>
    public static Dictionary<string, string> Normalize(IReadOnlyDictionary<string, string?> mapping, IReadOnlyCollection<string> goals)
    {
        if (mapping.Count > MaxEvents) throw Invalid($"At most {MaxEvents} event names.");
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, goal) in mapping)
        {
            var e = name.Trim().ToLowerInvariant();
            if (e.Length is 0 or > MaxEventLength || e.Any(char.IsWhiteSpace))
                throw Invalid($"An event name is 1 to {MaxEventLength} characters without spaces; '{name}' is not.");
            var g = goal?.Trim().ToLowerInvariant();
            if (g is null || !goals.Contains(g))
                throw Invalid($"'{name}' must map to one of the offer's goals: {string.Join(", ", goals)}.");
            set[e] = g;
        }
        return set;
    }

    private static DomainException Invalid(string message) => new("invalid_event_goals", message);
}

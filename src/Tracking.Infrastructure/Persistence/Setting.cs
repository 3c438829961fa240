namespace Tracking.Infrastructure.Persistence;

/// <summary>A process-wide setting kept in the database (the click id key, the admin key's hash), shared by every process.</summary>
public sealed class Setting
{
    private Setting() { }

    public Setting(string key, string value) => (Key, Value) = (key, value);

    public string Key { get; private set; } = "";
    public string Value { get; private set; } = "";
}

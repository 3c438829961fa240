namespace Tracking.Domain.Catalog;

public sealed class Affiliate
{
    private Affiliate() { }

    public Affiliate(string name, DateTime createdAt)
    {
        Rename(name);
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    public void Rename(string name) => Name = CatalogRules.RequireName(name);
}

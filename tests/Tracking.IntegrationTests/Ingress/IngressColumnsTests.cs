using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Tracking.Domain.Clicks;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Ingress;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Ingress;

/// <summary>Needs no server: the ingress writers' one column list is the EF model's, name for name and type for type.</summary>
public sealed class IngressColumnsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void TheIngressColumnsAreTheModelsColumns(string provider)
    {
        using var db = Databases.Context(provider);
        Assert.Equal(ModelColumns<Hit>(db), IngressColumns.Hits.Select(c => (c.Name, c.Type)).Order());
        Assert.Equal(ModelColumns<Click>(db), IngressColumns.Clicks.Select(c => (c.Name, c.Type)).Order());
    }

    /// <summary>Each column of the entity's table with the type the provider is given (after value converters).</summary>
    private static IEnumerable<(string, Type)> ModelColumns<T>(TrackingDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!);
        return entity.GetProperties().Select(p =>
        {
            var type = p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType;
            return (p.GetColumnName(table)!, Nullable.GetUnderlyingType(type) ?? type);
        }).Order();
    }
}

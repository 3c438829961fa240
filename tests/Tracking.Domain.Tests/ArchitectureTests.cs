using NetArchTest.Rules;
using Tracking.Domain.Conversions;

namespace Tracking.Domain.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void TheDomainReferencesOnlyTheBclAndTheMediatorAbstractions()
    {
        var references = typeof(Conversion).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "Mediator", name)); // "Mediator" is the assembly of Mediator.Abstractions
    }

    [Fact]
    public void NoDomainTypeDependsOnEfCoreAspNetCoreOrMassTransit()
    {
        var result = Types.InAssembly(typeof(Conversion).Assembly).ShouldNot()
            .HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "MassTransit", "Microsoft.Extensions")
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }
}

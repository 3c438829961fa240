namespace Tracking.Domain.Tests; public class T { [Xunit.Fact] public void A() { } }

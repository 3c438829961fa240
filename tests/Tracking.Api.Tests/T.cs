namespace Tracking.Api.Tests; public class T { [Xunit.Fact] public void A() { } }

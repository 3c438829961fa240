using Scalar.AspNetCore;
using Tracking.Api;
using Tracking.Api.Dashboard;
using Tracking.Api.Features;
using Tracking.Api.Ingress;
using Tracking.Api.Limits;
using Tracking.Api.Startup;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Operations;
using Tracking.Worker;

var builder = WebApplication.CreateBuilder(args);
builder.AddTrackingOperations("tracking-api");
// Whether this process hosts the worker shapes the registrations themselves, so it is read before the container exists.
var workerInside = TrackingOptions.ForRegistration(builder.Configuration).WorkerInsideApi;
builder.Services.AddDomain();
builder.Services.AddInfrastructure(builder.Configuration, workerInside ? bus => bus.AddWorkerConsumers() : null);
if (workerInside) builder.Services.AddWorker();
builder.Services.AddApi();
builder.Services.AddConsole();

var app = builder.Build();
app.UseForwardedHeaders(); // only from Tracking:TrustedProxies (Ingress/ForwardedClients)
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors();
app.UseAuthentication();
app.UseRateLimits();
app.UseAuthorization();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapTrackingOperations();
app.MapStartPage();
app.MapClicks().MapPixels().MapPostbacks().MapManagement();
app.MapConsole();
app.Run();

public partial class Program;

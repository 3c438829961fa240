using Scalar.AspNetCore;
using Tracking.Api;
using Tracking.Api.Ingress;
using Tracking.Api.Management;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Operations;
using Tracking.Worker;

var builder = WebApplication.CreateBuilder(args);
builder.AddTrackingOperations("tracking-api");
var workerEnabled = TrackingOptions.Read(builder.Configuration).WorkerInsideApi;
builder.Services.AddInfrastructure(builder.Configuration, bus => { if (workerEnabled) bus.AddWorkerConsumers(); });
if (workerEnabled) builder.Services.AddWorker();
builder.Services.AddApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapTrackingOperations();
app.MapClicks().MapPixels().MapPostbacks().MapManagement();
app.Run();

public partial class Program;

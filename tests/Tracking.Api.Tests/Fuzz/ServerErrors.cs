using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tracking.Api.Tests.Fuzz;

/// <summary>The app's own error log during the run, so a 5xx in the report comes with the exception that caused it.</summary>
public sealed class ServerErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyCollection<string> Errors => _errors;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ServerErrors owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var where = exception?.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Tracking.", StringComparison.Ordinal))?.Trim();
            owner._errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message} {where}");
        }
    }
}

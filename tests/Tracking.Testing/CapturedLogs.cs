using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tracking.Testing;

/// <summary>Every log line of an app (<see cref="TrackingApp.WithLogger"/>) at or above <see cref="MinimumLevel"/>, as text with its category.</summary>
public sealed class CapturedLogs(LogLevel minimumLevel = LogLevel.Debug) : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _lines = new();

    public LogLevel MinimumLevel => minimumLevel;
    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= logs.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) logs._lines.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}

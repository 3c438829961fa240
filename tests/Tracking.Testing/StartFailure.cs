using Microsoft.Extensions.Logging;

namespace Tracking.Testing;

/// <summary>Keeps the exception with which the host logged that it failed to start (<c>Hosting failed to start</c>).</summary>
internal sealed class StartFailure : ILoggerProvider
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public Exception? Exception { get; private set; }

    public ILogger CreateLogger(string categoryName) => categoryName == HostCategory ? new Recorder(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Recorder(StartFailure owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null) owner.Exception ??= exception;
        }
    }
}

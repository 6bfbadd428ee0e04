using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// Passes every message on, except that a step failed by <see cref="ScenarioSkipException"/> is reported skipped with its
/// message (as xUnit's own samples do for dynamic skips), and remembers the reason.
/// </summary>
internal sealed class SkippingMessageBus(IMessageBus inner) : IMessageBus
{
    /// <summary>The reason of the step that skipped itself; null when it did not.</summary>
    public string? SkipReason { get; private set; }

    public bool QueueMessage(IMessageSinkMessage message)
    {
        if (message is ITestFailed failed && failed.ExceptionTypes.FirstOrDefault() == typeof(ScenarioSkipException).FullName)
        {
            SkipReason = failed.Messages.FirstOrDefault() ?? "skipped";
            return inner.QueueMessage(new TestSkipped(failed.Test, SkipReason));
        }

        return inner.QueueMessage(message);
    }

    public void Dispose()
    {
        // The inner bus belongs to the caller.
    }
}

using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// Turns a step's failure by <see cref="ScenarioSkippedException"/> into a skip (xUnit v2 has no dynamic
/// skip; this is the message-bus technique of xunit/samples.xunit's DynamicSkipExample).
/// </summary>
internal sealed class SkippingMessageBus(IMessageBus inner) : IMessageBus
{
    private static readonly string SkipType = typeof(ScenarioSkippedException).FullName!;

    /// <summary>How many failures became skips.</summary>
    public int Skipped { get; private set; }

    /// <summary>The reason of the last one.</summary>
    public string? Reason { get; private set; }

    public bool QueueMessage(IMessageSinkMessage message)
    {
        if (message is ITestFailed failed && failed.ExceptionTypes.FirstOrDefault() == SkipType)
        {
            Skipped++;
            Reason = failed.Messages.FirstOrDefault() ?? "skipped";
            return inner.QueueMessage(new TestSkipped(failed.Test, Reason));
        }

        return inner.QueueMessage(message);
    }

    public void Dispose()
    {
        // The inner bus belongs to the caller.
    }
}

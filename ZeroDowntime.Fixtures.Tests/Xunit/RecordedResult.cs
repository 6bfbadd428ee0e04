using Xunit.Abstractions;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

/// <summary>One test result from an in-process run: display name, outcome and the failure message or skip reason.</summary>
internal sealed record RecordedResult(string ClassName, string DisplayName, string Outcome, string? Message)
{
    public static RecordedResult From(ITestResultMessage message)
    {
        var className = message.TestClass.Class.Name;
        return message switch
        {
            ITestFailed failed => new(className, message.Test.DisplayName, "Failed", string.Join(
                Environment.NewLine + "---- ", failed.ExceptionTypes.Zip(failed.Messages, (type, text) => $"{type} : {text}"))),
            ITestSkipped skipped => new(className, message.Test.DisplayName, "Skipped", skipped.Reason),
            _ => new(className, message.Test.DisplayName, "Passed", null),
        };
    }

    public override string ToString() => Message is null ? $"{DisplayName}: {Outcome}" : $"{DisplayName}: {Outcome} ({Message})";
}

using System.Text;
using Xunit.Abstractions;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>How scenarios and steps are named in the IDE, TRX, JUnit and skip reasons.</summary>
internal static class StepNames
{
    /// <summary>The separator between scenario and step in display names.</summary>
    public const string Separator = " \u203A ";

    /// <summary>The scenario name of a class: its <see cref="ScenarioAttribute"/> name, else its short name.</summary>
    public static string ScenarioOf(ITypeInfo testClass)
    {
        var scenario = testClass.GetCustomAttributes(typeof(ScenarioAttribute)).FirstOrDefault();
        return scenario?.GetNamedArgument<string>(nameof(ScenarioAttribute.Name)) ?? ShortName(testClass.Name);
    }

    /// <summary>
    /// <c>NodeDrain › 04 Cordon the node</c>. No method name in brackets: JUnit loggers (JunitXml.TestLogger)
    /// name a case by its method plus the bracketed tail of the display name (meant for theory arguments),
    /// so a bracket here would read <c>Cordon(Cordon)</c> there.
    /// </summary>
    public static string DisplayName(string scenario, int number, string stepName) => $"{scenario}{Separator}{number:00} {stepName}";

    /// <summary>The skip reason of a step after <paramref name="failedNumber"/> failed; users match it word for word.</summary>
    public static string SkipReason(int failedNumber, string failedName) => $"skipped: step {failedNumber} '{failedName}' failed";

    /// <summary><c>Cordon_the_node</c> and <c>CordonTheNode</c> both read "Cordon the node".</summary>
    public static string Humanize(string methodName)
    {
        if (methodName.Contains('_'))
        {
            return string.Join(' ', methodName.Split('_', StringSplitOptions.RemoveEmptyEntries));
        }

        var words = new StringBuilder(methodName.Length + 8);
        for (var i = 0; i < methodName.Length; i++)
        {
            var c = methodName[i];
            var startsWord = i > 0 && char.IsUpper(c) && !char.IsUpper(methodName[i - 1]);
            if (startsWord)
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }

    private static string ShortName(string typeName)
    {
        var cut = typeName.LastIndexOfAny(['.', '+']);
        return cut < 0 ? typeName : typeName[(cut + 1)..];
    }
}

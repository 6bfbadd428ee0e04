using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;

namespace ZeroDowntime.JUnit.TestLogger;

/// <summary>
/// Builds the JUnit XML document: <c>testsuites</c> with one <c>testsuite</c> per test class (in the
/// order classes first reported), each <c>testcase</c> in execution order with its failure, skip
/// reason and output. Valid against Jenkins' junit-10.xsd.
/// </summary>
internal static partial class JUnitDocument
{
    private const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss";

    /// <summary>Builds the document for <paramref name="results"/>.</summary>
    /// <param name="name">Name of the whole run (the assembly names).</param>
    /// <param name="results">Results in the order VSTest reported them.</param>
    /// <param name="hostname">Machine name for every suite.</param>
    /// <param name="runTimestamp">Timestamp for suites whose results carry no start time.</param>
    public static XDocument Build(string name, IReadOnlyList<TestResult> results, string hostname, DateTimeOffset runTimestamp)
    {
        var suites = results
            .GroupBy(r => ClassNameOf(r.TestCase))
            .Select((group, index) => Suite(group.Key, [.. group], index, hostname, runTimestamp))
            .ToList();

        var root = new XElement(
            "testsuites",
            new XAttribute("name", Clean(name)),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => r.Outcome == TestOutcome.Failed)),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration))),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    /// <summary>The class part of a fully qualified test name: <c>Ns.Class.Method</c> reads <c>Ns.Class</c>.</summary>
    public static string ClassNameOf(TestCase testCase)
    {
        var name = testCase.FullyQualifiedName ?? string.Empty;
        var cut = name.LastIndexOf('.');
        return cut <= 0 ? name : name[..cut];
    }

    private static XElement Suite(string className, IReadOnlyList<TestResult> results, int index, string hostname, DateTimeOffset runTimestamp)
    {
        var starts = results.Where(r => r.StartTime.Year > 1).Select(r => r.StartTime).ToList();
        var timestamp = starts.Count > 0 ? starts.Min() : runTimestamp;
        var cut = className.LastIndexOf('.');
        return new XElement(
            "testsuite",
            new XAttribute("name", Clean(className)),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => r.Outcome == TestOutcome.Failed)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", results.Count(IsSkipped)),
            new XAttribute("time", Seconds(results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration))),
            new XAttribute("timestamp", timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture)),
            new XAttribute("hostname", Clean(hostname)),
            new XAttribute("id", index),
            new XAttribute("package", Clean(cut > 0 ? className[..cut] : className)),
            results.Select(r => Case(className, r)));
    }

    private static XElement Case(string className, TestResult result)
    {
        var element = new XElement(
            "testcase",
            new XAttribute("name", Clean(result.DisplayName ?? result.TestCase.DisplayName ?? result.TestCase.FullyQualifiedName)),
            new XAttribute("classname", Clean(className)),
            new XAttribute("time", Seconds(result.Duration)));

        if (result.Outcome == TestOutcome.Failed)
        {
            var message = result.ErrorMessage ?? "failed";
            var body = string.IsNullOrEmpty(result.ErrorStackTrace) ? message : message + Environment.NewLine + result.ErrorStackTrace;
            element.Add(new XElement(
                "failure",
                new XAttribute("message", Clean(message)),
                new XAttribute("type", Clean(FailureTypeOf(message))),
                Clean(body)));
        }
        else if (IsSkipped(result))
        {
            element.Add(new XElement("skipped", new XAttribute("message", Clean(SkipReasonOf(result)))));
        }

        AddOutput(element, "system-out", result, TestResultMessage.StandardOutCategory);
        AddOutput(element, "system-err", result, TestResultMessage.StandardErrorCategory);
        return element;
    }

    private static bool IsSkipped(TestResult result)
        => result.Outcome is TestOutcome.Skipped or TestOutcome.NotFound or TestOutcome.None;

    private static string SkipReasonOf(TestResult result)
        => result.ErrorMessage is { Length: > 0 } reason
            ? reason
            : result.Messages.Select(m => m.Text?.Trim()).FirstOrDefault(t => !string.IsNullOrEmpty(t)) ?? "skipped";

    /// <summary>xUnit prefixes non-assertion failures with their type (<c>System.TimeoutException : ...</c>).</summary>
    private static string FailureTypeOf(string message)
    {
        var match = ExceptionTypePrefix().Match(message);
        return match.Success ? match.Groups["type"].Value : "TestFailure";
    }

    private static void AddOutput(XElement element, string name, TestResult result, string category)
    {
        var text = string.Concat(result.Messages.Where(m => m.Category == category).Select(m => m.Text));
        if (text.Length > 0)
        {
            element.Add(new XElement(name, Clean(text)));
        }
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 cannot carry some control characters a test may print; they become <c>\uXXXX</c>.</summary>
    internal static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                cleaned?.Append(c);
                continue;
            }

            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                cleaned?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            cleaned ??= new StringBuilder(text, 0, i, text.Length + 16);
            cleaned.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }

        return cleaned?.ToString() ?? text;
    }

    [GeneratedRegex(@"^(?<type>[A-Za-z_][\w`+]*(\.[A-Za-z_][\w`+]*)+) : ")]
    private static partial Regex ExceptionTypePrefix();
}

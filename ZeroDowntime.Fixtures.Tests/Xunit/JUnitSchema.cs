using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

/// <summary>
/// Validates JUnit XML against a schema kept next to these tests: the one JunitXml.TestLogger checks its own
/// output against (Jenkins' junit-4.xsd plus <c>properties</c>, <c>file</c> and <c>line</c> on a test case), or
/// Jenkins' stricter junit-10.xsd (xUnit plugin), which has no place for a test case's properties.
/// </summary>
internal static class JUnitSchema
{
    /// <summary>The schema JunitXml.TestLogger's own tests use.</summary>
    public const string TestLogger = "junit-4-testlogger.xsd";

    /// <summary>The Jenkins xUnit plugin's schema.</summary>
    public const string Jenkins = "junit-10.xsd";

    private static readonly Dictionary<string, Lazy<XmlSchemaSet>> Schemas = new(StringComparer.Ordinal)
    {
        [TestLogger] = new(() => Load(TestLogger)),
        [Jenkins] = new(() => Load(Jenkins)),
    };

    /// <summary>Every violation of <paramref name="schema"/> in <paramref name="document"/>, as text; empty when valid.</summary>
    public static IReadOnlyList<string> Violations(XDocument document, string schema = TestLogger)
    {
        var errors = new List<string>();
        document.Validate(Schemas[schema].Value, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        return errors;
    }

    private static XmlSchemaSet Load(string file)
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(Path.Combine(RepoPaths.Schemas, file));
        set.Add(null, reader);
        set.Compile();
        return set;
    }
}

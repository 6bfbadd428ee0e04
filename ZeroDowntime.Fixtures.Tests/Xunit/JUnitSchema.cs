using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

/// <summary>Validates JUnit XML against Jenkins' junit-10.xsd.</summary>
internal static class JUnitSchema
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(RepoPaths.JUnitSchema);
        set.Add(null, reader);
        set.Compile();
        return set;
    });

    /// <summary>Every schema violation in <paramref name="document"/>, as text; empty when valid.</summary>
    public static IReadOnlyList<string> Violations(XDocument document)
    {
        var errors = new List<string>();
        document.Validate(Schemas.Value, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        return errors;
    }
}

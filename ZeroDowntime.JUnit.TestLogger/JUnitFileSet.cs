using System.Text;
using System.Xml;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;

namespace ZeroDowntime.JUnit.TestLogger;

/// <summary>Splits results into files (one per assembly when the path has <c>{assembly}</c>) and writes them.</summary>
internal static class JUnitFileSet
{
    /// <summary>Writes the JUnit file(s) and returns their full paths.</summary>
    public static IReadOnlyList<string> Write(
        JUnitLoggerOptions options, IReadOnlyList<TestResult> results, IReadOnlyList<string> sources, DateTimeOffset now)
    {
        var hostname = string.IsNullOrWhiteSpace(Environment.MachineName) ? "localhost" : Environment.MachineName;
        var byAssembly = results
            .GroupBy(r => AssemblyOf(r.TestCase.Source))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TestResult>)[.. g], StringComparer.Ordinal);

        // An assembly that ran no test still gets its (empty) file, so CI finds what it was told to read.
        var assemblies = sources.Select(AssemblyOf).Concat(byAssembly.Keys).Distinct(StringComparer.Ordinal).ToList();

        if (!options.OneFilePerAssembly)
        {
            var name = assemblies.Count > 0 ? string.Join(", ", assemblies) : "tests";
            return [WriteOne(options.PathFor(name), name, results, hostname, now)];
        }

        return assemblies
            .Select(a => WriteOne(options.PathFor(a), a, byAssembly.GetValueOrDefault(a) ?? [], hostname, now))
            .ToList();
    }

    private static string WriteOne(string path, string name, IReadOnlyList<TestResult> results, string hostname, DateTimeOffset now)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var document = JUnitDocument.Build(name, results, hostname, now);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using (var writer = XmlWriter.Create(path, settings))
        {
            document.Save(writer);
        }

        return path;
    }

    private static string AssemblyOf(string? source)
        => string.IsNullOrEmpty(source) ? "tests" : Path.GetFileNameWithoutExtension(source);
}

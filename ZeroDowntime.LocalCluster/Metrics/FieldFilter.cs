using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Metrics;

/// <summary>The field selectors metrics-server accepts: <c>metadata.name</c> and <c>metadata.namespace</c> with <c>=</c>, <c>==</c> or <c>!=</c>.</summary>
internal sealed class FieldFilter
{
    private readonly List<(string Field, string Value, bool Equal)> _terms;

    private FieldFilter(List<(string Field, string Value, bool Equal)> terms) => _terms = terms;

    /// <summary>Matches one name.</summary>
    public static FieldFilter Name(string name) => new([("metadata.name", name, true)]);

    /// <summary>Parses the query's <c>fieldSelector</c>; 400 on a field it does not support.</summary>
    public static FieldFilter Parse(string? text)
    {
        var terms = new List<(string, string, bool)>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (op, equal) = part.Contains("!=", StringComparison.Ordinal) ? ("!=", false) : part.Contains("==", StringComparison.Ordinal) ? ("==", true) : ("=", true);
            var index = part.IndexOf(op, StringComparison.Ordinal);
            var field = index < 0 ? part : part[..index].Trim();
            if (index < 0 || field is not ("metadata.name" or "metadata.namespace"))
            {
                throw ApiException.BadRequest($"field label not supported: {field}");
            }

            terms.Add((field, part[(index + op.Length)..].Trim(), equal));
        }

        return new FieldFilter(terms);
    }

    /// <summary>True when every term holds for an object named <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public bool Matches(string name, string? ns) =>
        _terms.All(t => (t.Field == "metadata.name" ? name : ns ?? "") == t.Value == t.Equal);
}

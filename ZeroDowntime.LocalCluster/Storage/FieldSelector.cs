namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>
/// A parsed field selector (<c>spec.nodeName=n1,status.phase!=Failed</c>). Only the fields a
/// resource declares are accepted; anything else is a 400 <c>field label not supported: X</c>.
/// </summary>
public sealed class FieldSelector
{
    private readonly IReadOnlyList<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string, bool, string)> terms) => _terms = terms;

    /// <summary>The selector that matches everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>True when the selector has no terms.</summary>
    public bool IsEmpty => _terms.Count == 0;

    /// <summary>Parses the query-string form for <paramref name="type"/>.</summary>
    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(string, bool, string)>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            var (field, equal, value) = Split(part);
            if (field != "metadata.name" && field != "metadata.namespace" && !type.SelectableFields.ContainsKey(field))
            {
                throw ApiException.BadRequest($"field label not supported: {field}");
            }

            terms.Add((field, equal, value));
        }

        return new FieldSelector(terms);
    }

    /// <summary>True when every term holds for the object's selectable <paramref name="fields"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> fields)
    {
        foreach (var (field, equal, value) in _terms)
        {
            var actual = fields.GetValueOrDefault(field, "");
            if ((actual == value) != equal)
            {
                return false;
            }
        }

        return true;
    }

    private static (string Field, bool Equal, string Value) Split(string part)
    {
        var notEqual = part.IndexOf("!=", StringComparison.Ordinal);
        if (notEqual > 0)
        {
            return (part[..notEqual].Trim(), false, part[(notEqual + 2)..].Trim());
        }

        var doubleEqual = part.IndexOf("==", StringComparison.Ordinal);
        if (doubleEqual > 0)
        {
            return (part[..doubleEqual].Trim(), true, part[(doubleEqual + 2)..].Trim());
        }

        var equal = part.IndexOf('=');
        if (equal > 0)
        {
            return (part[..equal].Trim(), true, part[(equal + 1)..].Trim());
        }

        throw ApiException.BadRequest($"invalid selector: '{part}'; can't understand '{part}'");
    }
}

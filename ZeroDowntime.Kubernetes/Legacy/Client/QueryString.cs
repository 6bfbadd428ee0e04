using System.Text;

namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>Builds a query string, skipping null values and escaping the rest.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _builder = new();

    public QueryString Add(string name, string? value)
    {
        if (value is null) return this;
        _builder.Append(_builder.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryString Add(string name, long? value) => Add(name, value?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public QueryString Add(string name, bool value) => value ? Add(name, "true") : this;

    public override string ToString() => _builder.ToString();
}

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>Names xUnit needs as strings to load our extension points, built so a typo cannot compile.</summary>
internal static class ExtensionAssembly
{
    /// <summary>The simple name of the assembly that holds the extension types.</summary>
    public const string Name = nameof(ZeroDowntime) + "." + nameof(Fixtures);

    /// <summary>The namespace of the extension types; type names are this plus <c>nameof(Type)</c>.</summary>
    public const string Namespace = Name + "." + nameof(Xunit);
}

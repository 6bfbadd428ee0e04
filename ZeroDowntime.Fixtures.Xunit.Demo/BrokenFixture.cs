namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>A class fixture that cannot start, like a cluster that cannot be reached.</summary>
public sealed class BrokenFixture
{
    /// <summary>The error every user of the fixture sees.</summary>
    public const string Message = "cannot reach the API server at https://127.0.0.1:1 (demo)";

    /// <summary>Always throws.</summary>
    public BrokenFixture() => throw new InvalidOperationException(Message);
}

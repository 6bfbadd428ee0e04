namespace ZeroDowntime.MockVllm;

/// <summary>A command-line flag or environment variable has a value MockVllm cannot use.</summary>
public sealed class MockVllmOptionsException : Exception
{
    /// <summary>Creates the exception with a one-sentence message naming the flag and the bad value.</summary>
    public MockVllmOptionsException(string message)
        : base(message)
    {
    }
}

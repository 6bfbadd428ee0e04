namespace ZeroDowntime.LocalCluster.Http.Faults;

/// <summary>The error fault decided for one API call.</summary>
public enum ApiFault
{
    /// <summary>Served normally.</summary>
    None,

    /// <summary>429 TooManyRequests with <c>Retry-After: 1</c>.</summary>
    TooManyRequests,

    /// <summary>500 InternalError.</summary>
    InternalError,

    /// <summary>503 ServiceUnavailable.</summary>
    ServiceUnavailable,

    /// <summary>The connection is aborted before any response byte.</summary>
    Reset,
}

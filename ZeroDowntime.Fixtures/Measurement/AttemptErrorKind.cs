namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>Why an attempt failed; <see cref="None"/> for a success.</summary>
public enum AttemptErrorKind
{
    /// <summary>The attempt succeeded.</summary>
    None,

    /// <summary>No complete response within the attempt's own timeout (including connect and dial timeouts).</summary>
    Timeout,

    /// <summary>The TCP connection was refused: nothing listened at the address.</summary>
    ConnectionRefused,

    /// <summary>The connection was reset or closed before a complete response arrived.</summary>
    ConnectionReset,

    /// <summary>A complete response with a status other than the expected one.</summary>
    HttpStatus,

    /// <summary>The expected status, but the body failed the success check (e.g. no <c>generated_text</c>).</summary>
    BadBody,

    /// <summary>Any other error (DNS, TLS, protocol); the record's detail says which.</summary>
    Other,
}

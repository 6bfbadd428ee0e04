namespace ZeroDowntime.Fixtures.Tests.Fakes;

/// <summary>What the fake kubelet does with a Job's pod.</summary>
internal enum FakePodBehavior
{
    /// <summary>Runs ZeroDowntime.K6Double as the container process (its K6_DOUBLE_FAIL comes from the container env or <see cref="FakeJobRunner.DoubleFailure"/>).</summary>
    RunDouble,

    /// <summary>The image cannot be pulled: waiting ErrImagePull and a Warning event.</summary>
    ImagePullError,

    /// <summary>Runs briefly, then is OOMKilled (exit 137) without a summary.</summary>
    OomKilled,
}

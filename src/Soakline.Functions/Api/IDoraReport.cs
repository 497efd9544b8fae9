namespace Soakline.Functions.Api;

/// <summary>The DORA figures of one environment over a window, from the recorded release transitions.</summary>
internal interface IDoraReport
{
    Task<DoraReport> GetAsync(string environment, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

namespace Soakline.EndToEnd.Tests.Infrastructure;

/// <summary>Polls a condition of a real process until it holds, failing with the last observation when time runs out.</summary>
internal static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> observe, Func<T, bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await observe();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not reached within {within}; last observed: {value}");
            }

            await Task.Delay(100);
        }
    }
}

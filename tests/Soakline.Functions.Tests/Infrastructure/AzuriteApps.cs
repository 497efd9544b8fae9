namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>The app-on-Azurite set-up the storage tests share: one place names the settings that point the app there.</summary>
public static class AzuriteApps
{
    /// <summary>
    /// The app's storage (delivery ledger, records and, with <see cref="SoaklineAppFactory.OnStandaloneEngine"/>, the
    /// engine's task hub) on this Azurite, on a task hub of its own unless one is given (a second app on the same hub,
    /// as a restarted process would be).
    /// </summary>
    public static SoaklineAppFactory OnAzurite(this SoaklineAppFactory app, AzuriteFixture azurite, string? taskHub = null) =>
        app.With("Soakline__TaskHub", taskHub ?? AzuriteFixture.NewTaskHub())
            .With("Soakline__Storage__ConnectionString", azurite.ConnectionString);
}

namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>One SMTP server for every mail test class.</summary>
[CollectionDefinition(Name)]
public sealed class SmtpServerCollection : ICollectionFixture<SmtpServerFixture>
{
    public const string Name = "smtp";
}

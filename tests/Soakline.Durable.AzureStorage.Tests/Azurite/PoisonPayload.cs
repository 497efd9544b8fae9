namespace Soakline.Durable.AzureStorage.Tests.Azurite;

/// <summary>A control message whose envelope names its instance but whose body can never be read.</summary>
public static class PoisonPayload
{
    public static string For(string instanceId) =>
        "{\"instanceId\":\"" + instanceId + "\",\"messageId\":\"poison-1\",\"body\":[{\"messageId\":\"poison-1\",\"targetInstanceId\":\""
        + instanceId + "\",\"event\":{\"$type\":\"noSuchEvent\"}}]}";
}

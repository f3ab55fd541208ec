using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Invitations.Configuration;

/// <summary>Registers <see cref="OptionsConfigurationBinder"/> for one options type and its reload on configuration change.</summary>
internal static class ConfigurationBindingSetup
{
    /// <summary>Binds the default-named <typeparamref name="TOptions"/> from <paramref name="section"/>, after earlier <c>Configure</c> calls.</summary>
    public static OptionsBuilder<TOptions> BindReplacingCollections<TOptions>(this OptionsBuilder<TOptions> builder, IConfiguration section)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(new ConfigurationChangeTokenSource<TOptions>(builder.Name, section));
        return builder.Configure(options => OptionsConfigurationBinder.Bind(section, options, builder.Name));
    }

    /// <summary>As <see cref="BindReplacingCollections{TOptions}(OptionsBuilder{TOptions}, IConfiguration)"/>, for a section of the host's registered <see cref="IConfiguration"/>.</summary>
    public static OptionsBuilder<TOptions> BindReplacingCollections<TOptions>(this OptionsBuilder<TOptions> builder, string configSectionPath)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(configSectionPath);
        builder.Services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(sp =>
            new ConfigurationChangeTokenSource<TOptions>(builder.Name, sp.GetRequiredService<IConfiguration>()));
        return builder.Configure<IConfiguration>((options, configuration) =>
            OptionsConfigurationBinder.Bind(configuration.GetSection(configSectionPath), options, builder.Name));
    }
}

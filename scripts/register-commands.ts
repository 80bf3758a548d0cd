/**
 * `npm run register-commands`: registers /ask, /sources and /about with Discord. To DISCORD_GUILD_ID when
 * set (shows up at once, for trying out), globally otherwise. Safe to re-run: it replaces the whole set.
 */
import { REST } from "discord.js";
import { loadSettings } from "../src/config/settings.js";
import { AppError, describeError } from "../src/errors.js";
import { registerCommands } from "../src/frontends/discord/commands.js";
import { scrubSecrets } from "../src/frontends/discord/logger.js";
import { helpText, parseCli, runCli, type CliSpec } from "../src/frontends/cli/run-cli.js";

const CLI: CliSpec = {
  usage: "npm run -s register-commands",
  about:
    "Registers the bot's slash commands with Discord (DISCORD_TOKEN and DISCORD_APP_ID from the environment): " +
    "to DISCORD_GUILD_ID when set, at once; globally otherwise. Safe to re-run.",
  options: {},
  example: "DISCORD_GUILD_ID=123456789012345678 npm run -s register-commands",
  positionals: false,
};

runCli(async () => {
  if (parseCli(process.argv.slice(2), CLI).help) {
    console.log(helpText(CLI));
    return;
  }
  const settings = loadSettings();
  const token = settings.DISCORD_TOKEN;
  const missing = [!token && "DISCORD_TOKEN", !settings.DISCORD_APP_ID && "DISCORD_APP_ID"].filter(Boolean);
  if (!token || !settings.DISCORD_APP_ID) {
    throw new AppError("CONFIG_INVALID", `Registering commands needs ${missing.join(" and ")}; not set.`, {
      hint: "Set them from the developer portal (see docs/discord.md), e.g. in a .env file loaded by your shell.",
    });
  }
  const rest = new REST().setToken(token);
  let result;
  try {
    result = await registerCommands({
      rest,
      applicationId: settings.DISCORD_APP_ID,
      guildId: settings.DISCORD_GUILD_ID,
    });
  } catch (error) {
    throw new AppError(
      "DISCORD_COMMANDS_FAILED",
      `Discord refused the commands: ${scrubSecrets(describeError(error), [token])}.`,
    );
  }
  console.log(
    result.scope === "global"
      ? `Registered ${result.count} commands globally; Discord clients may take a few minutes to show them.`
      : `Registered ${result.count} commands to ${result.scope}; they are available now.`,
  );
});

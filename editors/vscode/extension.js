// The ownlint extension: starts `ownlint server` over stdio for Markdown and YAML files and
// leaves everything else (diagnostics, hover, definitions, symbols, quick fixes) to
// vscode-languageclient, which maps the protocol onto VS Code's own features.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

function executable() {
    return vscode.workspace.getConfiguration("ownlint").get("path", "ownlint") || "ownlint";
}

async function start(context) {
    const command = executable();
    const serverOptions = {
        command,
        args: ["server"],
        transport: TransportKind.stdio,
    };
    const clientOptions = {
        // Files on disk only: the server lints a document in its folder, next to the other
        // ownership files, which an untitled buffer does not have.
        documentSelector: [
            { scheme: "file", language: "markdown" },
            { scheme: "file", language: "yaml" },
        ],
    };
    client = new LanguageClient("ownlint", "ownlint", serverOptions, clientOptions);
    try {
        await client.start();
    } catch (err) {
        client = undefined;
        const action = "Open Settings";
        const choice = await vscode.window.showErrorMessage(
            `ownlint: could not start \`${command} server\` (${err.message || err}). ` +
                "Install ownlint or set `ownlint.path`.",
            action,
        );
        if (choice === action) {
            vscode.commands.executeCommand("workbench.action.openSettings", "ownlint.path");
        }
    }
}

async function stop() {
    if (client) {
        const running = client;
        client = undefined;
        await running.stop();
    }
}

async function activate(context) {
    context.subscriptions.push(
        vscode.workspace.onDidChangeConfiguration(async (event) => {
            // A new path means another binary, perhaps another version: start it afresh.
            if (event.affectsConfiguration("ownlint.path")) {
                await stop();
                await start(context);
            }
        }),
    );
    await start(context);
}

function deactivate() {
    return stop();
}

module.exports = { activate, deactivate };

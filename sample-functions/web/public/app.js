'use strict';
/*
 * Sluice todo: the page's logic. It talks to the todo API on the same host; the login cookie (jwtToken,
 * httpOnly) travels with every request.
 *
 * States a test can wait for instead of sleeping:
 * 1. body[data-state]: "loading" until the first /api/currentUser answer, then "signed-out" or "signed-in".
 * 2. #todo-list[data-loading]: "true" from the start of an action that ends in a list request (sign-in, add,
 *    status change, delete) until the list it fetched is on the page, then "false". body turns "signed-in"
 *    only after #todo-list turned "true", so "signed-in" and "false" together mean the list is shown.
 * 3. While an action runs, buttons and status selects are disabled, so actions never overlap.
 */

const STATUSES = [
    { value: '1', label: 'In progress' },
    { value: '2', label: 'Done' },
    { value: '3', label: 'Paused' },
    { value: '0', label: 'Closed' },
];

const $ = (id) => document.getElementById(id);
const list = $('todo-list');

/** The todos on the page, by key: a status change sends the todo's name and description along. */
let todos = new Map();

// ---------------------------------------------------------------------------------------------------------------
// Talking to the API

/** Sends one request; returns { ok, status, data } with the parsed JSON body (null when there is none). */
async function api(method, url, body) {
    const init = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
    if (body !== undefined) {
        init.headers['content-type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    let response;
    try {
        response = await fetch(url, init);
    } catch {
        throw new Error(`Cannot reach the server (${method} ${url}). Is Sluice running?`);
    }
    const text = await response.text();
    let data = null;
    try {
        data = text === '' ? null : JSON.parse(text);
    } catch {
        // not JSON: an error page from somewhere in between; the status says enough
    }
    return { ok: response.ok, status: response.status, data };
}

/** Returns the error a failed reply carries, else one made from its status. */
function problem(reply, what) {
    const data = reply.data || {};
    return new Error(data.message || data.errorMessage || data.error || `${what} failed: HTTP ${reply.status}`);
}

/** Returns the signed-in user's name, or null when nobody is signed in. */
async function currentUser() {
    const reply = await api('GET', '/api/currentUser');
    if (reply.status === 401 || reply.status === 403) return null;
    if (!reply.ok) throw problem(reply, 'Checking who is signed in');
    const user = reply.data && reply.data.success !== false ? reply.data.data : null;
    return user ? String(user.name || user.userid || '') : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Showing state

function showMessage(text, kind = 'error') {
    const message = $('message');
    message.textContent = text;
    message.dataset.kind = kind;
    message.hidden = text === '';
}

function showSignedOut() {
    todos = new Map();
    list.replaceChildren();
    $('current-user').textContent = '';
    $('who').hidden = true;
    $('signed-in').hidden = true;
    $('signed-out').hidden = false;
    document.body.dataset.state = 'signed-out';
    $('username').focus();
}

async function showSignedIn(name) {
    list.dataset.loading = 'true';
    $('current-user').textContent = name;
    $('who').hidden = false;
    $('signed-out').hidden = true;
    $('signed-in').hidden = false;
    document.body.dataset.state = 'signed-in';
    await loadTodos();
}

/** Asks who is signed in and shows the matching view; when nobody can tell, the sign-in form. */
async function refresh() {
    let name;
    try {
        name = await currentUser();
    } catch (error) {
        showSignedOut();
        throw error;
    }
    if (name === null) {
        showSignedOut();
    } else {
        await showSignedIn(name);
    }
}

async function loadTodos() {
    list.dataset.loading = 'true';
    try {
        const reply = await api('GET', '/api/rule');
        if (!reply.ok || !reply.data || !Array.isArray(reply.data.data)) throw problem(reply, 'Loading the todos');
        render(reply.data.data, Number(reply.data.total));
    } finally {
        list.dataset.loading = 'false';
    }
}

function render(items, total) {
    todos = new Map(items.map((todo) => [String(todo.key), todo]));
    list.replaceChildren(...items.map(row));
    $('empty').hidden = items.length > 0;
    $('count').textContent = Number.isFinite(total) && total > items.length
        ? `(showing ${items.length} of ${total})`
        : `(${items.length})`;
}

function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
}

function row(todo) {
    const item = element('li', 'todo');
    item.dataset.key = todo.key;
    item.dataset.status = todo.status;

    const text = element('div', 'todo-text');
    text.append(element('span', 'todo-name', todo.name));
    if (todo.desc) text.append(element('span', 'todo-desc', todo.desc));
    if (todo.owner) text.append(element('span', 'todo-owner', `by ${todo.owner}`));

    const status = element('select', 'todo-status');
    status.setAttribute('aria-label', `Status of ${todo.name}`);
    const current = String(todo.status ?? 1);
    const options = STATUSES.some((s) => s.value === current)
        ? STATUSES
        : [...STATUSES, { value: current, label: `Status ${current}` }];
    for (const { value, label } of options) status.append(new Option(label, value, false, value === current));

    const remove = element('button', 'todo-delete secondary', 'Delete');
    remove.type = 'button';
    remove.setAttribute('aria-label', `Delete ${todo.name}`);

    item.append(text, status, remove);
    return item;
}

// ---------------------------------------------------------------------------------------------------------------
// Actions

/** Runs one user action: controls disabled meanwhile, an earlier message cleared, a failure shown. */
async function act(work) {
    const controls = document.querySelectorAll('button, select');
    for (const control of controls) control.disabled = true;
    showMessage('');
    try {
        await work();
    } catch (error) {
        showMessage(error.message);
    } finally {
        for (const control of document.querySelectorAll('button, select')) control.disabled = false;
    }
}

/** Sends one change to the todos, then fetches the list again, whether the change was taken or not. */
async function change(method, body, what) {
    list.dataset.loading = 'true';
    let failure = null;
    try {
        const reply = await api(method, '/api/rule', body);
        if (!reply.ok) failure = problem(reply, what);
    } finally {
        await loadTodos();
    }
    if (failure !== null) throw failure;
}

async function logIn(userName, password) {
    const reply = await api('POST', '/api/login/account', { userName, password, type: 'account' });
    if (!reply.ok) throw problem(reply, 'Logging in');
    if (!reply.data || reply.data.status !== 'ok') throw new Error('Could not log in: wrong user name or password.');
    $('password').value = '';
    const name = await currentUser();
    if (name === null) {
        throw new Error('Logged in, but the server did not take the login cookie. Is the page served from the API\'s host?');
    }
    await showSignedIn(name);
}

async function register(userName, password) {
    const reply = await api('POST', '/user/register', { userName, password });
    if (!reply.ok || !reply.data || reply.data.status !== 'ok') throw problem(reply, 'Registering');
    await logIn(userName, password);
}

function credentials() {
    return [$('username').value.trim(), $('password').value];
}

$('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => logIn(...credentials()));
});

$('register').addEventListener('click', () => {
    if (!$('login-form').reportValidity()) return;
    act(() => register(...credentials()));
});

$('logout').addEventListener('click', () => act(async () => {
    const reply = await api('POST', '/api/login/outLogin');
    await refresh();
    if (!reply.ok) throw problem(reply, 'Logging out');
}));

$('add-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = $('new-name').value.trim();
    const desc = $('new-desc').value.trim();
    if (name === '') {
        showMessage('A todo needs a name.');
        $('new-name').focus();
        return;
    }
    act(async () => {
        await change('POST', { name, desc }, 'Adding the todo');
        $('new-name').value = '';
        $('new-desc').value = '';
        $('new-name').focus();
    });
});

list.addEventListener('change', (event) => {
    if (!event.target.matches('.todo-status')) return;
    const todo = todos.get(event.target.closest('.todo').dataset.key);
    const status = Number(event.target.value);
    act(() => change('PUT', { key: todo.key, name: todo.name, desc: todo.desc, status }, 'Changing the status'));
});

list.addEventListener('click', (event) => {
    if (!event.target.matches('.todo-delete')) return;
    const key = event.target.closest('.todo').dataset.key;
    act(() => change('DELETE', { key: [key] }, 'Deleting the todo'));
});

act(refresh);

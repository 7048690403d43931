/** Small DOM helpers: elements are built with text nodes only (no HTML strings from data). */

/**
 * Creates an element. attrs: 'class', 'text', 'dataset' (object), 'on' (event → handler), boolean
 * attributes as true/false, anything else as an attribute. Children: nodes, strings, or null.
 */
export function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name === 'class') {
            node.className = value;
        } else if (name === 'text') {
            node.textContent = value;
        } else if (name === 'dataset') {
            Object.assign(node.dataset, value);
        } else if (name === 'on') {
            Object.entries(value).forEach(([event, handler]) => node.addEventListener(event, handler));
        } else {
            node.setAttribute(name, value === true ? '' : String(value));
        }
    }
    node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
    return node;
}

/** Runs a change of a container's content, keeping keyboard focus on the control that had it (by data-focus-key). */
export function keepingFocus(container, change) {
    const active = document.activeElement;
    const focusKey = container.contains(active) ? active?.dataset?.focusKey : null;
    const result = change();
    if (focusKey) {
        container.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
    }
    return result;
}

export function byId(id) {
    const node = document.getElementById(id);
    if (!node) {
        throw new Error(`#${id} is missing from the page`);
    }
    return node;
}

package io.careboard.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A loopback TCP relay to a real server that a test can {@link #cut()} and {@link #heal()}: the
 * way to make PostgreSQL or Redis disappear for one application without stopping the servers
 * other tests share. It counts the bytes it relays each way (what a client costs on the wire);
 * while the server is down, the connections it accepts are closed at once.
 */
public final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final LongAdder toServer = new LongAdder();
    private final LongAdder toClient = new LongAdder();
    private volatile ServerSocket server;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = first.getLocalPort();
        serve(first);
    }

    public int port() {
        return port;
    }

    /** Bytes relayed from clients to the server since the start or the last {@link #resetCounts()}. */
    public long bytesToServer() {
        return toServer.sum();
    }

    /** Bytes relayed from the server to clients. */
    public long bytesToClient() {
        return toClient.sum();
    }

    public void resetCounts() {
        toServer.reset();
        toClient.reset();
    }

    /** Drops every relayed connection and refuses new ones until {@link #heal()}. */
    public synchronized void cut() throws IOException {
        ServerSocket current = server;
        server = null;
        if (current != null) {
            current.close();
        }
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void heal() throws IOException {
        if (server == null) {
            ServerSocket reopened = new ServerSocket();
            reopened.setReuseAddress(true);
            reopened.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            serve(reopened);
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void serve(ServerSocket listening) {
        server = listening;
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                Socket client;
                try {
                    client = listening.accept();
                } catch (IOException closed) {
                    return;
                }
                try {
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream, toServer);
                    pump(upstream, client, toClient);
                } catch (IOException serverDown) {
                    quietly(client);
                }
            }
        }, "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to, LongAdder relayed) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                    relayed.add(read);
                }
            } catch (IOException closed) {
                // one side went away: close both below
            } finally {
                quietly(from);
                quietly(to);
            }
        }, "tcp-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private void quietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}

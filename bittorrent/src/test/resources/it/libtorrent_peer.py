#!/usr/bin/python3
"""A libtorrent peer for Arietta's integration tests.

Commands:
  create --source PATH --output FILE [--piece-length N] [--tier "URL URL"]... [--web-seed URL]... [--private]
         [--layout walk|sorted|canonical|canonical-no-tail]
      Writes a v1-only torrent of PATH (file or directory) and prints "created <info-hash hex>".
      --layout: walk (default) keeps libtorrent's directory walk order; sorted re-adds the files
      libtorrent listed sorted by path elements as UTF-8 bytes, without padding; canonical and
      canonical-no-tail are libtorrent's own sorting and BEP 47 padding (flags canonical_files and
      canonical_files_no_tail_padding).
  check --torrent FILE --save DIR
      Loads FILE, prints "infohash <v1 info-hash hex>", checks the data under DIR against it and
      prints "checked <pieces verified> <pieces in torrent> <1 if seeding, else 0>", then exits.
  seed  --torrent FILE --save DIR [--peer HOST:PORT]...
  leech --torrent FILE --save DIR [--peer HOST:PORT]...
      Runs one torrent on 127.0.0.1 (TCP only: no uTP, DHT, LSD, UPnP or NAT-PMP) until standard
      input closes. Prints, one per line on standard output:
        listening <port>          the listen port
        announced <url> <peers>   a tracker answered
        seeding                   every piece is verified (a seeder after its check; a leecher when done)
        finished                  a leecher has downloaded every piece
        error <text>              a torrent or tracker error (details also on standard error)
"""
import argparse
import hashlib
import os
import sys
import threading
import time

import libtorrent as lt


def say(*words):
    sys.stdout.write(" ".join(str(word) for word in words) + "\n")
    sys.stdout.flush()


LAYOUT_FLAGS = {
    "walk": 0,
    "sorted": 0,
    "canonical": lt.create_torrent.canonical_files,
    "canonical-no-tail": lt.create_torrent.canonical_files_no_tail_padding,
}


def sorted_storage(files):
    """The same files, ordered by path elements compared as UTF-8 bytes."""
    entries = [(files.file_path(i), files.file_size(i), files.file_flags(i)) for i in range(files.num_files())]
    entries.sort(key=lambda entry: [part.encode("utf-8") for part in entry[0].split(os.sep)])
    result = lt.file_storage()
    for path, size, flags in entries:
        result.add_file(path, size, flags)
    return result


def create(args):
    files = lt.file_storage()
    lt.add_files(files, args.source)
    if args.layout == "sorted":
        files = sorted_storage(files)
    torrent = lt.create_torrent(files, args.piece_length,
                                flags=lt.create_torrent.v1_only | LAYOUT_FLAGS[args.layout])
    for tier_index, tier in enumerate(args.tier or []):
        for url in tier.split():
            torrent.add_tracker(url, tier_index)
    for url in args.web_seed or []:
        torrent.add_url_seed(url)
    if args.private:
        torrent.set_priv(True)
    torrent.set_creator("libtorrent test fixture")
    lt.set_piece_hashes(torrent, os.path.dirname(os.path.abspath(args.source)))
    entry = torrent.generate()
    data = lt.bencode(entry)
    with open(args.output, "wb") as output:
        output.write(data)
    info_hash = hashlib.sha1(lt.bencode(entry[b"info"] if b"info" in entry else entry["info"])).hexdigest()
    say("created", info_hash)


def check(args):
    info = lt.torrent_info(args.torrent)
    say("infohash", info.info_hashes().v1)
    session = lt.session(settings())
    params = lt.add_torrent_params()
    params.ti = info
    params.save_path = args.save
    params.flags &= ~lt.torrent_flags.auto_managed
    params.flags &= ~lt.torrent_flags.paused
    handle = session.add_torrent(params)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        session.wait_for_alert(200)
        if any(isinstance(alert, lt.torrent_checked_alert) for alert in session.pop_alerts()):
            status = handle.status()
            say("checked", status.num_pieces, info.num_pieces(), 1 if status.is_seeding else 0)
            return
    say("error", "the check did not finish within 120 s")


def settings():
    return {
        "listen_interfaces": "127.0.0.1:0",
        "outgoing_interfaces": "127.0.0.1",
        "enable_outgoing_utp": False,
        "enable_incoming_utp": False,
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "allow_multiple_connections_per_ip": True,
        "announce_to_all_tiers": True,
        "announce_to_all_trackers": True,
        "alert_mask": lt.alert.category_t.status_notification | lt.alert.category_t.error_notification
        | lt.alert.category_t.tracker_notification,
        # Loopback is fast: connect at once, keep deep request queues and large send buffers.
        "connection_speed": 500,
        "min_reconnect_time": 1,
        "peer_connect_timeout": 3,
        "max_out_request_queue": 1500,
        "send_buffer_watermark": 8 * 1024 * 1024,
        "send_buffer_low_watermark": 1024 * 1024,
        "max_queued_disk_bytes": 32 * 1024 * 1024,
        "rate_limit_ip_overhead": False,
        "stop_tracker_timeout": 1,
    }


def run(args):
    session = lt.session(settings())
    deadline = time.monotonic() + 10
    while session.listen_port() == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    say("listening", session.listen_port())

    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(args.torrent)
    params.save_path = args.save
    params.flags &= ~lt.torrent_flags.auto_managed
    params.flags &= ~lt.torrent_flags.paused
    handle = session.add_torrent(params)

    peers = []
    for peer in args.peer or []:
        host, port = peer.rsplit(":", 1)
        peers.append((host, int(port)))
    for peer in peers:
        handle.connect_peer(peer)

    closing = threading.Event()

    def watch_stdin():
        sys.stdin.read()
        closing.set()

    threading.Thread(target=watch_stdin, daemon=True).start()

    said_seeding = False
    last_connect = time.monotonic()
    while not closing.is_set():
        session.wait_for_alert(200)
        for alert in session.pop_alerts():
            if isinstance(alert, lt.tracker_reply_alert):
                say("announced", alert.tracker_url(), alert.num_peers)
            elif isinstance(alert, lt.torrent_finished_alert):
                if args.command == "leech":
                    say("finished")
            elif isinstance(alert, (lt.torrent_error_alert, lt.file_error_alert, lt.tracker_error_alert,
                                    lt.hash_failed_alert)):
                sys.stderr.write(alert.message() + "\n")
                sys.stderr.flush()
                if not isinstance(alert, lt.tracker_error_alert):
                    say("error", alert.message().replace("\n", " "))
        status = handle.status()
        if not said_seeding and status.is_seeding:
            said_seeding = True
            say("seeding")
        # Peers given directly may not be listening yet: retry until some connection holds.
        if peers and status.num_peers == 0 and not status.is_seeding and time.monotonic() - last_connect > 1:
            last_connect = time.monotonic()
            for peer in peers:
                handle.connect_peer(peer)
    session.pause()


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("create")
    make.add_argument("--source", required=True)
    make.add_argument("--output", required=True)
    make.add_argument("--piece-length", type=int, default=0)
    make.add_argument("--tier", action="append")
    make.add_argument("--web-seed", action="append")
    make.add_argument("--private", action="store_true")
    make.add_argument("--layout", choices=sorted(LAYOUT_FLAGS), default="walk")
    verify = commands.add_parser("check")
    verify.add_argument("--torrent", required=True)
    verify.add_argument("--save", required=True)
    for name in ("seed", "leech"):
        peer = commands.add_parser(name)
        peer.add_argument("--torrent", required=True)
        peer.add_argument("--save", required=True)
        peer.add_argument("--peer", action="append")
    args = parser.parse_args()
    if args.command == "create":
        create(args)
    elif args.command == "check":
        check(args)
    else:
        run(args)


if __name__ == "__main__":
    main()
